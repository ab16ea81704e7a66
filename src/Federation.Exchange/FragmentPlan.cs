using Federation.Physical;

namespace Federation.Exchange;

/// <summary>A fragment's operators: <see cref="Root"/> runs it (one partition); <see cref="Scan"/> is the file scan inside.</summary>
public sealed record FragmentPlan(PhysicalOperator Root, PhysicalOperator Scan);
