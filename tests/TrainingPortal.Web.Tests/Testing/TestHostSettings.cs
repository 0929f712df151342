using System.Runtime.CompilerServices;

namespace TrainingPortal.Web.Tests.Testing;

internal static class TestHostSettings
{
    /// <summary>
    /// Every test host would otherwise watch appsettings*.json for changes: one inotify instance per host, and
    /// Linux allows 128 per user by default, which a full run (hundreds of hosts) exhausts on a busy machine.
    /// Configuration never changes during a test, so the hosts read it once.
    /// </summary>
#pragma warning disable CA2255 // a test assembly is the one place a module initializer belongs
    [ModuleInitializer]
    internal static void ReadConfigurationOnce() =>
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
#pragma warning restore CA2255
}
