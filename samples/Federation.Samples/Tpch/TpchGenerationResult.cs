namespace Federation.Samples.Tpch;

/// <summary>The outcome of <see cref="TpchGenerator.Generate"/>.</summary>
/// <param name="OutputDirectory">The dataset folder, as a full path.</param>
/// <param name="Manifest">What the folder holds.</param>
/// <param name="ReusedExisting">True when the folder already held the requested dataset and nothing was written.</param>
/// <param name="Elapsed">Time taken by the call.</param>
public sealed record TpchGenerationResult(string OutputDirectory, TpchManifest Manifest, bool ReusedExisting, TimeSpan Elapsed);
