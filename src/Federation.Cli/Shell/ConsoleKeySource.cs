namespace Federation.Cli.Shell;

/// <summary>Keys from the terminal, not echoed (the line editor draws the line itself).</summary>
public sealed class ConsoleKeySource : IKeySource
{
    public ConsoleKeyInfo ReadKey() => Console.ReadKey(intercept: true);
}
