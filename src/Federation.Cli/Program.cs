using Federation.Cli;

return await FedCommands.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
