namespace Federation.Cli.Tests;

/// <summary>What one run of fed sql printed and how it exited.</summary>
public sealed record ShellRun(int ExitCode, string Stdout, string Stderr);
