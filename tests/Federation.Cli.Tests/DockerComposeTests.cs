using Federation.Cli;
using Federation.Coordinator;
using Federation.Coordinator.Security;
using Federation.Testing;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace Federation.Cli.Tests;

/// <summary>
/// docker-compose.yml, which no test can start here (there is no Docker engine), checked against what fed reads:
/// every dependency and named volume exists, every `./fed` command parses with fed's own command line, the
/// coordinator's environment binds to settings that pass its validation (users for a non-loopback listen address,
/// the demo password verifying against its hash), and the workers reach the coordinator and the store it names
/// with the same cluster secret.
/// </summary>
public sealed class DockerComposeTests
{
    private static readonly YamlMappingNode Compose = Load();

    private static YamlMappingNode Services => (YamlMappingNode)Compose["services"];

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "docker-compose.yml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    private static string[] Command(string service) =>
        ((YamlSequenceNode)Service(service)["command"]).Children.Select(c => ((YamlScalarNode)c).Value!).ToArray();

    private static Dictionary<string, string> Environment(string service) =>
        ((YamlMappingNode)Service(service)["environment"]).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value!);

    /// <summary>The value after <paramref name="option"/> in a command.</summary>
    private static string Option(string[] command, string option) => command[Array.IndexOf(command, option) + 1];

    [Fact]
    public void Every_dependency_names_a_service_and_every_named_volume_is_declared()
    {
        var services = Services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
        var volumes = ((YamlMappingNode)Compose["volumes"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
        Assert.Contains("coordinator", services);
        foreach (var (key, node) in Services.Children)
        {
            var service = (YamlMappingNode)node;
            Assert.True(service.Children.ContainsKey("image"), $"{key} has an image");
            if (service.Children.TryGetValue("depends_on", out var dependencies))
            {
                foreach (var dependency in ((YamlMappingNode)dependencies).Children.Keys)
                {
                    Assert.Contains(((YamlScalarNode)dependency).Value!, services);
                }
            }

            if (service.Children.TryGetValue("volumes", out var mounts))
            {
                foreach (var mount in ((YamlSequenceNode)mounts).Children)
                {
                    var source = ((YamlScalarNode)mount).Value!.Split(':')[0];
                    Assert.True(source.StartsWith('.') || volumes.Contains(source), $"{key} mounts {source}, which is declared");
                }
            }
        }
    }

    [Fact]
    public void Every_fed_command_is_one_fed_parses()
    {
        var checkedCommands = 0;
        foreach (var (key, _) in Services.Children)
        {
            if (!Service(((YamlScalarNode)key).Value!).Children.ContainsKey("command"))
            {
                continue;
            }

            var command = Command(((YamlScalarNode)key).Value!);
            if (command[0] != "./fed")
            {
                continue;
            }

            var parse = FedCommands.Create().Parse(command[1..]);
            Assert.True(parse.Errors.Count == 0, $"{key}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            checkedCommands++;
        }

        Assert.Equal(4, checkedCommands);
    }

    [Fact]
    public void The_coordinators_environment_binds_to_settings_that_pass_validation()
    {
        var command = Command("coordinator");
        var settings = new Dictionary<string, string?>();
        foreach (var (name, value) in Environment("coordinator"))
        {
            // As AddEnvironmentVariables("FED_") reads them: the prefix dropped, "__" for ":".
            if (name.StartsWith("FED_", StringComparison.Ordinal))
            {
                settings[name["FED_".Length..].Replace("__", ":", StringComparison.Ordinal)] = value;
            }
        }

        var options = new CoordinatorOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().Bind(options);
        options.Listen = Option(command, "--listen");
        options.Port = int.Parse(Option(command, "--port"), System.Globalization.CultureInfo.InvariantCulture);
        options.Validate();
        Assert.False(options.Anonymous);
        Assert.Equal("demo", Assert.Single(options.Users).Name);
        Assert.True(PasswordHash.Verify("federation-demo", options.Users[0].PasswordHash!), "the demo password the file names matches its hash");
        Assert.Contains($"{options.Port}:{options.Port}", ((YamlSequenceNode)Service("coordinator")["ports"]).Children.Select(p => ((YamlScalarNode)p).Value));
    }

    [Fact]
    public void The_workers_join_the_coordinator_with_its_secret_and_read_the_store_it_reads()
    {
        var coordinator = Environment("coordinator");
        var port = Option(Command("coordinator"), "--port");
        var secret = coordinator["FED_CLUSTER_SECRET"];
        Assert.True(secret.Length >= 32, "a cluster secret has at least 32 characters");
        var store = new Uri(coordinator["AWS_ENDPOINT_URL_S3"]);
        Assert.True(Services.Children.ContainsKey(store.Host), $"the store {store.Host} is a service");
        Assert.Contains($"{store.Port}:{store.Port}", ((YamlSequenceNode)Service(store.Host)["ports"]).Children.Select(p => ((YamlScalarNode)p).Value));

        var workers = Services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Where(n => n.StartsWith("worker", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, workers.Length);
        foreach (var worker in workers)
        {
            Assert.Equal($"coordinator:{port}", Option(Command(worker), "--coordinator"));
            var environment = Environment(worker);
            Assert.Equal(secret, environment["FED_CLUSTER_SECRET"]);
            Assert.Equal(coordinator["AWS_ENDPOINT_URL_S3"], environment["AWS_ENDPOINT_URL_S3"]);
            Assert.Equal(coordinator["AWS_SECRET_ACCESS_KEY"], environment["AWS_SECRET_ACCESS_KEY"]);
        }

        // The store's keys are MinIO's root credentials.
        var minio = Environment(store.Host);
        Assert.Equal(minio["MINIO_ROOT_USER"], coordinator["AWS_ACCESS_KEY_ID"]);
        Assert.Equal(minio["MINIO_ROOT_PASSWORD"], coordinator["AWS_SECRET_ACCESS_KEY"]);
    }
}
