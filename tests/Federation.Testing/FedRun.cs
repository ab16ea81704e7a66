namespace Federation.Testing;

/// <summary>What one run of the fed program printed and how it exited.</summary>
public sealed record FedRun(int ExitCode, string Stdout, string Stderr);
