using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace Dashboard.Hosting;

/// <summary>
/// Loads the repository's top-level <c>appsettings.json</c> (linked into the build and publish output) beneath the
/// environment variables and the command line, so that it is the base and they override it.
/// </summary>
public static class BaseSettings
{
    public const string FileName = "appsettings.json";

    public static IConfigurationBuilder AddBaseSettings(this IConfigurationManager configuration, IHostEnvironment environment)
    {
        // When the content root has its own appsettings.json, the host has loaded it already.
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        if (File.Exists(Path.Combine(environment.ContentRootPath, FileName)) || !File.Exists(path))
        {
            return configuration;
        }

        var sources = ((IConfigurationBuilder)configuration).Sources;
        var firstOverride = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        var source = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        sources.Insert(firstOverride < 0 ? sources.Count : firstOverride, source);
        return configuration;
    }
}
