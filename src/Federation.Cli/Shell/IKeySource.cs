namespace Federation.Cli.Shell;

/// <summary>Where the line editor's keys come from: the console, or a scripted sequence in tests.</summary>
public interface IKeySource
{
    ConsoleKeyInfo ReadKey();
}
