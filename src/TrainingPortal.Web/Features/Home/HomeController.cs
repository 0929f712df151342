using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain;
using TrainingPortal.Web.Identity;

namespace TrainingPortal.Web.Features.Home;

/// <summary>The signed-in person's home page.</summary>
public sealed class HomeController(UserManager<AppUser> users) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var model = new HomeViewModel(
            user.DisplayName,
            IsAdministrator: User.IsInRole(Roles.Administrator),
            IsTrainer: User.IsInRole(Roles.Trainer),
            IsTrainee: User.IsInRole(Roles.Trainee));
        return View(model);
    }
}

public sealed record HomeViewModel(string DisplayName, bool IsAdministrator, bool IsTrainer, bool IsTrainee);
