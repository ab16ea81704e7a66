// This assembly starts real fed processes: once its tests have finished, none of them may still run (see the framework).
[assembly: TestFramework("Federation.Testing.NoProcessLeftBehindFramework", "Federation.Testing")]
