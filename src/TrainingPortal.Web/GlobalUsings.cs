// The portal's shared services, used by most screens (issue 11: Features/ holds screens, services live beside it).
global using TrainingPortal.Web.Access;
global using TrainingPortal.Web.Certificates;
global using TrainingPortal.Web.Certificates.Rendering;
global using TrainingPortal.Web.Credentials;
global using TrainingPortal.Web.Eligibility;
global using Microsoft.EntityFrameworkCore;
global using TrainingPortal.Web.Data;
global using TrainingPortal.Web.Data.Training;
global using TrainingPortal.Web.Infrastructure;
global using TrainingPortal.Web.Identity;
global using TrainingPortal.Web.Time;
global using TrainingPortal.Domain.Programs;
global using TrainingPortal.Web.Standings;
global using TrainingPortal.Web.Approvals;
