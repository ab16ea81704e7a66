using System.CommandLine;

namespace Federation.Cli;

/// <summary>The `fed` command line: every verb and its options (tests parse deployment files' commands with it).</summary>
internal static class FedCommands
{
    public static RootCommand Create() => new("Federation: SQL over files in object storage, joined with local tables")
    {
        SltCommand.Create(),
        GenerateCommand.Create(),
        RunCommand.Create(),
        ServeCommand.Create(),
        WorkerCommand.Create(),
        SqlCommand.Create(),
        HashPasswordCommand.Create(),
    };
}
