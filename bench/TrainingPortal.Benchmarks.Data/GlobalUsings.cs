// The portal's shared services, used by the benchmarks.
global using TrainingPortal.Web.Access;
global using TrainingPortal.Web.Certificates;
global using TrainingPortal.Web.Certificates.Rendering;
global using TrainingPortal.Web.Credentials;
global using TrainingPortal.Web.Eligibility;
global using TrainingPortal.Domain.Programs;
