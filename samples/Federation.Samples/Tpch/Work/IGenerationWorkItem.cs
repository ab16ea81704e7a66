namespace Federation.Samples.Tpch.Work;

/// <summary>
/// An independent piece of a generation run that writes its own files. Work items share no state,
/// so they run in any order on any thread and still produce the same bytes.
/// </summary>
internal interface IGenerationWorkItem
{
    IReadOnlyList<TpchDataFile> Run(CancellationToken cancellationToken);
}
