// The portal's shared services, used by tests of most screens.
global using TrainingPortal.Web.Access;
global using TrainingPortal.Web.Certificates;
global using TrainingPortal.Web.Certificates.Rendering;
global using TrainingPortal.Web.Credentials;
global using TrainingPortal.Web.Eligibility;
global using TrainingPortal.Web.Tests.Testing;
global using Microsoft.Extensions.DependencyInjection;
global using System.Net;
global using Microsoft.EntityFrameworkCore;
global using TrainingPortal.Domain;
global using TrainingPortal.Domain.Eligibility;
global using TrainingPortal.Web.Identity;
global using TrainingPortal.Web.Data.Training;
global using TrainingPortal.Domain.Programs;
global using TrainingPortal.Web.Approvals;
