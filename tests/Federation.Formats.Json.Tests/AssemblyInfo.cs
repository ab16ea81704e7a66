// This assembly starts real fed processes (the TPC-H workers): once its tests have finished, none of them may still run.
[assembly: TestFramework("Federation.Testing.NoProcessLeftBehindFramework", "Federation.Testing")]
