using Federation.Samples.Tpch;

namespace Federation.Samples.Tests.Tpch;

/// <summary>One SF 0.01 dataset, generated fresh for the test class that shares it and deleted afterwards.</summary>
public sealed class TpchScaleFactorHundredthFixture : IDisposable
{
    public const double ScaleFactor = 0.01;

    private readonly TemporaryDirectory _directory = new();

    public TpchScaleFactorHundredthFixture()
    {
        Result = new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = ScaleFactor, OutputDirectory = _directory.Path }).Generate();
    }

    public TpchGenerationResult Result { get; }

    public string Root => Result.OutputDirectory;

    public void Dispose() => _directory.Dispose();
}
