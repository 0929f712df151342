var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();

var app = builder.Build();
app.UsePortal();

if (args.Length > 0 && args[0] == CreateAdminCommand.Name)
{
    return await CreateAdminCommand.RunAsync(app.Services, args, Console.In, Console.Out);
}
if (args.Length > 0 && args[0] == ScaleSeedCommand.Name)
{
    return await ScaleSeedCommand.RunAsync(app.Services, args, Console.Out);
}
if (TrainingPortal.Web.Credentials.CredentialKeyCommands.Handles(args))
{
    return await TrainingPortal.Web.Credentials.CredentialKeyCommands.RunAsync(app.Services, args, Console.Out);
}

await app.InitializeDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
