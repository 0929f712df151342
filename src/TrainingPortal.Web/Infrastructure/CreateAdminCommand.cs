using Microsoft.AspNetCore.Identity;
using TrainingPortal.Domain;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/TrainingPortal.Web -- create-admin --email a@b.org [--name "Full Name"]</c>:
/// creates the first administrator (or makes an existing account one). The password is read from
/// standard input, so it never appears in the shell history or the process list.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";

    public static async Task<int> RunAsync(IServiceProvider root, string[] args, TextReader input, TextWriter output)
    {
        var email = Option(args, "--email");
        var name = Option(args, "--name") ?? email;
        if (string.IsNullOrWhiteSpace(email))
        {
            await output.WriteLineAsync("Usage: create-admin --email <address> [--name \"Full Name\"]  (the password is read from standard input)");
            return 2;
        }

        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await DatabaseInitializer.MigrateAsync(services);
        await DatabaseInitializer.EnsureRolesAsync(services);
        var users = services.GetRequiredService<UserManager<AppUser>>();

        var user = await users.FindByEmailAsync(email);
        if (user is not null)
        {
            if (!await users.IsInRoleAsync(user, Roles.Administrator))
            {
                var added = await users.AddToRoleAsync(user, Roles.Administrator);
                if (!added.Succeeded)
                {
                    return await Fail(output, added);
                }
            }
            await output.WriteLineAsync($"{email} is an administrator.");
            return 0;
        }

        await output.WriteLineAsync("Password for the new administrator (at least 12 characters), then Enter:");
        var password = await input.ReadLineAsync() ?? "";
        user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name!,
            CertificateName = name!,
            CreatedUtc = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return await Fail(output, created);
        }
        var role = await users.AddToRoleAsync(user, Roles.Administrator);
        if (!role.Succeeded)
        {
            return await Fail(output, role);
        }
        await output.WriteLineAsync($"Administrator {email} created.");
        await output.WriteLineAsync("At their first sign-in they will be asked to set up two-step sign-in (an authenticator app).");
        return 0;
    }

    private static async Task<int> Fail(TextWriter output, IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            await output.WriteLineAsync(error.Description);
        }
        return 1;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
