namespace Federation.Testing.Faults;

/// <summary>How often and how <see cref="FaultInjectingS3Proxy"/> fails requests.</summary>
public sealed record FaultInjectionOptions
{
    /// <summary>The share of requests that get a fault, drawn at random (0.1: one in ten).</summary>
    public double Fraction { get; init; } = 0.1;

    /// <summary>The seed of the draws, so a run's sequence of faults can be repeated.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>No more faults after this many (null: no limit): with <see cref="Fraction"/> 1, exactly the first N requests fail.</summary>
    public int? MaxFaults { get; init; }

    /// <summary>How long a stalled request waits before its real answer.</summary>
    public TimeSpan StallDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The relative weight of each kind among the faulted requests (every kind 1 unless set): a kind with weight 0 is
    /// never injected.
    /// </summary>
    public IReadOnlyDictionary<FaultKind, double> Weights { get; init; } = new Dictionary<FaultKind, double>();

    public double WeightOf(FaultKind kind) => Weights.TryGetValue(kind, out var weight) ? weight : 1;
}
