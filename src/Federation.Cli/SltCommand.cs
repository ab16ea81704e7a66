using System.CommandLine;
using Federation.SqlLogic;

namespace Federation.Cli;

/// <summary>fed slt &lt;path&gt;...: runs SQL logic test files and prints "N passed, N failed".</summary>
internal static class SltCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = ".slt files or folders to run", Arity = ArgumentArity.OneOrMore };
        var complete = new Option<bool>("--complete") { Description = "rewrite each query's expected rows with the actual results" };
        var command = new Command("slt", "Run SQL logic test files") { paths, complete };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var runner = new SltRunner(EngineFactory.Create, SltVariables.Default());
            var passed = 0;
            var failed = 0;
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
                    foreach (var failure in outcome.Failures)
                    {
                        Console.WriteLine(failure);
                        Console.WriteLine();
                    }
                }
            }

            Console.WriteLine($"{passed} passed, {failed} failed");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
