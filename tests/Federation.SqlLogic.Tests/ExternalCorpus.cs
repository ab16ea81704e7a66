using Federation.Testing;

namespace Federation.SqlLogic.Tests;

/// <summary>The files of the corpus's external/ folder: the ones every catalog backend must answer alike.</summary>
public static class ExternalCorpus
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in SqlCorpus.Files())
        {
            if (file.StartsWith("external" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                data.Add(file);
            }
        }

        return data;
    }
}
