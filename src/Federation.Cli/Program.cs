using System.CommandLine;
using Federation.Cli;

var root = new RootCommand("Federation: SQL over files in object storage, joined with local tables")
{
    SltCommand.Create(),
    GenerateCommand.Create(),
    RunCommand.Create(),
    ServeCommand.Create(),
    WorkerCommand.Create(),
    SqlCommand.Create(),
    HashPasswordCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
