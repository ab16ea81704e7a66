using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Federation.Testing;

/// <summary>
/// xunit's own test framework, plus one check once all of an assembly's tests (and their fixtures) have finished:
/// every process the assembly started through <see cref="FedProcess"/> or <see cref="FedProgram"/> has exited.
/// One left running fails the run as an assembly cleanup failure naming it (pid and command line), and is killed.
/// A test project that starts fed processes opts in with
/// <c>[assembly: TestFramework("Federation.Testing.NoProcessLeftBehindFramework", "Federation.Testing")]</c>.
/// </summary>
public sealed class NoProcessLeftBehindFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink,
            ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class Runner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await base.BeforeTestAssemblyFinishedAsync();
            var left = StartedProcesses.KillLeftRunning();
            if (left.Count > 0)
            {
                Aggregator.Add(new ProcessesLeftRunningException(left));
            }
        }
    }
}
