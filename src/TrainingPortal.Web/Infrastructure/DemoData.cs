using Microsoft.AspNetCore.Identity;
using TrainingPortal.Domain;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// Demo accounts for Development only (the README lists them). Never called in any other environment.
/// </summary>
public static class DemoData
{
    /// <summary>The one password of every demo account.</summary>
    public const string Password = "Demo-Portal-2026";

    public static readonly IReadOnlyList<(string Email, string Name, string Role)> Accounts =
    [
        ("admin@demo.local", "Alex Morgan", Roles.Administrator),
        ("trainer@demo.local", "Renée Okafor", Roles.Trainer),
        ("trainer2@demo.local", "Samuel Lindqvist", Roles.Trainer),
        ("trainee@demo.local", "Dana Reyes", Roles.Trainee),
        ("trainee2@demo.local", "Priya Natarajan", Roles.Trainee),
        ("trainee3@demo.local", "Marcus Bell", Roles.Trainee),
        ("trainee4@demo.local", "Hannah Kowalski", Roles.Trainee),
        ("trainee5@demo.local", "José Alvarez", Roles.Trainee),
        ("trainee6@demo.local", "Grace Whitfield", Roles.Trainee),
        // MI Champions (seed 002): a volunteer Champion who hosts practice groups, and a professional MI trainer.
        ("champion@demo.local", "Tomás Rivera", Roles.Champion),
        ("mitrainer@demo.local", "Ingrid Halvorsen", Roles.Trainee),
    ];

    public static async Task SeedAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var time = services.GetRequiredService<TimeProvider>();
        // One PBKDF2 hash (210,000 iterations) for the one shared demo password, not nine.
        string? hash = null;
        foreach (var (email, name, role) in Accounts)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                CertificateName = name,
                CreatedUtc = time.GetUtcNow().UtcDateTime,
            };
            hash ??= users.PasswordHasher.HashPassword(user, Password);
            user.PasswordHash = hash;
            Check(await users.CreateAsync(user));
            Check(await users.AddToRoleAsync(user, role));
        }
        await Features.PracticeGroups.PracticeDemoData.SeedAsync(services);
        await Features.TrainerDirectory.TrainerDirectoryDemoData.SeedAsync(services);
        await IntroCourse.IntroCourseDemoData.SeedAsync(services);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo data: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
