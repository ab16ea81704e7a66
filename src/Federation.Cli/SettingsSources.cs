using Microsoft.Extensions.Configuration;

namespace Federation.Cli;

/// <summary>
/// Where the long-running commands (fed serve, fed worker) read settings from, later ones winning: appsettings.json in
/// the current folder, fed.json in the data folder (when there is one), the --config file, then FED_-prefixed
/// environment variables. Command-line options win over all of them; each command applies its own.
/// </summary>
internal static class SettingsSources
{
    public static IConfiguration Load(string? dataFolder, string? configFile)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        if (dataFolder is not null)
        {
            builder.AddJsonFile(Path.Combine(dataFolder, "fed.json"), optional: true);
        }

        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                throw new InvalidOperationException($"--config: no file {configFile}");
            }

            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        }

        return builder.AddEnvironmentVariables("FED_").Build();
    }
}
