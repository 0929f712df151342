using Microsoft.AspNetCore.Identity;

namespace TrainingPortal.Web.Tests.Testing;

public static class TestUsers
{
    public const string Password = "correct horse battery staple";

    /// <summary>Creates a confirmed account with a unique address and returns it.</summary>
    public static Task<AppUser> CreateAsync(this PortalFactory factory, string role = Roles.Trainee, string password = Password, bool confirmed = true) =>
        factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = confirmed,
                DisplayName = "Test " + role,
                CertificateName = "Test " + role,
            };
            var created = await users.CreateAsync(user, password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            return user;
        });

    public static Task<AppUser?> FindAsync(this PortalFactory factory, string email) =>
        factory.WithScopeAsync(services => services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email));
}
