namespace Federation.Worker.Tests;

/// <summary>
/// The test classes that run queries through <see cref="PoolFixture"/>'s coordinator and two workers. One pool for
/// all, and its classes never run at the same time: some count what the pool did during one query, some kill or add
/// workers, and two cores do not run several pools of worker processes any faster.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WorkersCollection : ICollectionFixture<PoolFixture>
{
    public const string Name = "workers";
}
