using System.CommandLine;
using Federation.SqlLogic;

namespace Federation.Cli;

/// <summary>
/// fed slt &lt;path&gt;... [--complete]: runs SQL logic test files and prints "N passed, N failed". --complete writes the
/// engine's answer into each query record that differs, marked as not verified (<see cref="SltRunner.CompletedMark"/>).
/// </summary>
internal static class SltCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = ".slt files or folders to run", Arity = ArgumentArity.OneOrMore };
        var complete = new Option<bool>("--complete")
        {
            Description = "rewrite the expected rows of each query whose answer differs with the actual results, marking each such record \""
                + SltRunner.CompletedMark + "\" until someone verifies it",
        };
        var command = new Command("slt", "Run SQL logic test files") { paths, complete };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Local tables on disk as fed serve keeps them, each file's engine in its own folder under one that goes at the end.
            var tables = Directory.CreateTempSubdirectory("fed-slt-").FullName;
            using var cleanup = new FolderDeletion(tables);
            var runner = new SltRunner(() => EngineFactory.Create(new Storage.S3.S3StoreOptions(),
                localTables: LocalTables.LocalTableStore.Open(Path.Combine(tables, Guid.NewGuid().ToString("N")))), SltVariables.Default());
            var passed = 0;
            var failed = 0;
            var completed = 0;
            foreach (var path in parse.GetValue(paths)!)
            {
                IReadOnlyList<string> files;
                try
                {
                    files = SltRunner.FindFiles(path);
                }
                catch (FileNotFoundException e)
                {
                    await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                    return 2;
                }

                foreach (var file in files)
                {
                    var outcome = await runner.RunFileAsync(file, parse.GetValue(complete), cancellationToken).ConfigureAwait(false);
                    passed += outcome.Passed;
                    failed += outcome.Failed;
                    completed += outcome.Completed.Count;
                    foreach (var record in outcome.Completed)
                    {
                        Console.WriteLine($"{record}: completed from federation, not verified");
                    }

                    foreach (var failure in outcome.Failures)
                    {
                        Console.WriteLine(failure);
                        Console.WriteLine();
                    }
                }
            }

            if (parse.GetValue(complete))
            {
                // Its own line: the closing line stays "N passed, N failed".
                Console.WriteLine($"{completed} completed from federation (marked \"{SltRunner.CompletedMark}\")");
            }

            Console.WriteLine($"{passed} passed, {failed} failed");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
