namespace Federation.Fuzz.Tests;

/// <summary>A statement that crashed, hung, raised an internal error or answered differently from its oracle.</summary>
public sealed class FuzzProblem : Exception
{
    public FuzzProblem(string message)
        : base(message)
    {
    }

    public FuzzProblem()
    {
    }

    public FuzzProblem(string message, Exception inner)
        : base(message, inner)
    {
    }
}
