namespace Federation.Optimizer.Tests;

/// <summary>What each optimizer rule does to a query's plan, asserted on the optimized plan's shape.</summary>
public sealed class RuleTests
{
    [Fact]
    public async Task CorrelatedExistsBecomesSemiJoin()
    {
        var plan = await OptimizedPlan.WithTablesAsync();
        var lines = plan.Lines("SELECT name FROM cust c WHERE EXISTS (SELECT 1 FROM ord o WHERE o.ck = c.ck AND o.total > 100)");
        Assert.Contains(lines, l => l.TrimStart().StartsWith("Join: Semi on", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Subquery", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CorrelatedScalarSubqueryBecomesJoinWithAggregate()
    {
        var plan = await OptimizedPlan.WithTablesAsync();
        var lines = plan.Lines("SELECT ok FROM item i WHERE qty > (SELECT AVG(qty) FROM item i2 WHERE i2.ok = i.ok)");
        var join = OptimizedPlan.Find(lines, "Join:");
        var aggregate = OptimizedPlan.Find(lines, "Aggregate:");
        Assert.True(OptimizedPlan.IsUnder(lines, aggregate, join));
        Assert.DoesNotContain(lines, l => l.Contains("Subquery", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FiltersReachTheScansAndCommaJoinsGetEquiConditions()
    {
        var plan = await OptimizedPlan.WithTablesAsync();
        var lines = plan.Lines("SELECT name, total FROM cust c, ord o WHERE c.ck = o.ck AND o.status = 'F' AND c.nation < 3");
        Assert.DoesNotContain(lines, l => l.Contains("CrossJoin", StringComparison.Ordinal));
        var join = OptimizedPlan.Find(lines, "Join: Inner on ck = ck");
        var status = OptimizedPlan.Find(lines, "Filter: status = 'F'");
        var nation = OptimizedPlan.Find(lines, "Filter: nation < 3");
        Assert.True(OptimizedPlan.IsUnder(lines, status, join));
        Assert.True(OptimizedPlan.IsUnder(lines, nation, join));
        Assert.StartsWith("TableScan: ord", lines[status + 1].TrimStart(), StringComparison.Ordinal);
        Assert.StartsWith("TableScan: cust", lines[nation + 1].TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConstantConditionsFoldAway()
    {
        var plan = await OptimizedPlan.WithTablesAsync();
        var lines = plan.Lines("SELECT name FROM cust WHERE 1 + 1 = 2 AND ck > 1");
        OptimizedPlan.Find(lines, "Filter: ck > 1");
        Assert.DoesNotContain(lines, l => l.Contains("1 + 1", StringComparison.Ordinal));
        var empty = plan.Lines("SELECT name FROM cust WHERE 1 = 2 AND ck > 1");
        Assert.DoesNotContain(empty, l => l.Contains("TableScan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScansReadOnlyTheColumnsTheQueryUses()
    {
        var plan = await OptimizedPlan.WithTablesAsync();
        var lines = plan.Lines("SELECT name FROM cust WHERE ck = 2");
        Assert.Contains(lines, l => l.Contains("TableScan: cust projection=[ck, name]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LimitOverOrderByBecomesTopN()
    {
        var plan = await OptimizedPlan.WithTablesAsync();
        var lines = plan.Lines("SELECT ok FROM item ORDER BY qty DESC LIMIT 3");
        Assert.Contains(lines, l => l.TrimStart().StartsWith("Sort:", StringComparison.Ordinal) && l.Contains("fetch=3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OuterJoinFilteredOnItsNullSideBecomesInner()
    {
        var plan = await OptimizedPlan.WithTablesAsync();
        var lines = plan.Lines("SELECT name FROM cust c LEFT JOIN ord o ON c.ck = o.ck WHERE o.total > 100");
        Assert.DoesNotContain(lines, l => l.Contains("Join: Left", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Join: Inner", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SemiJoinMovesBelowAnInnerJoinOntoTheSideItReads()
    {
        var plan = await OptimizedPlan.WithTablesAsync();
        var lines = plan.Lines(
            "SELECT c.name, o.ok, SUM(i.qty) FROM cust c, ord o, item i " +
            "WHERE o.ok IN (SELECT ok FROM item GROUP BY ok HAVING SUM(qty) > 10) AND c.ck = o.ck AND o.ok = i.ok " +
            "GROUP BY c.name, o.ok");
        var semi = OptimizedPlan.Find(lines, "Join: Semi");
        var inner = OptimizedPlan.Find(lines, "Join: Inner");
        Assert.True(OptimizedPlan.IsUnder(lines, semi, inner), string.Join('\n', lines));
        Assert.StartsWith("TableScan: ord", lines[semi + 1].TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SemiJoinReadingBothJoinInputsStaysAbove()
    {
        var plan = await OptimizedPlan.WithTablesAsync();
        var lines = plan.Lines(
            "SELECT c.name FROM cust c JOIN ord o ON c.ck = o.ck " +
            "WHERE EXISTS (SELECT 1 FROM item i WHERE i.ok = o.ok AND i.qty = c.ck + 4)");
        var semi = OptimizedPlan.Find(lines, "Join: Semi");
        var inner = OptimizedPlan.Find(lines, "Join: Inner");
        Assert.True(OptimizedPlan.IsUnder(lines, inner, semi), string.Join('\n', lines));
    }

    [Fact]
    public async Task DisabledRuleLeavesItsWorkUndone()
    {
        var plan = await OptimizedPlan.WithTablesAsync();
        await plan.ExecuteAsync("SET disabled_optimizer_rules = 'push_down_filter'");
        var lines = plan.Lines("SELECT name, total FROM cust c, ord o WHERE c.ck = o.ck");
        OptimizedPlan.Find(lines, "CrossJoin");
        Assert.DoesNotContain(lines, l => l.Contains("Join: Inner", StringComparison.Ordinal));
    }
}
