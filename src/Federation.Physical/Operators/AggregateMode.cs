namespace Federation.Physical.Operators;

/// <summary>
/// Partial aggregates each input partition into per-group states; Final merges states; Single does both in one
/// step (used for DISTINCT aggregates and ordered LISTAGG, whose states cannot be merged).
/// </summary>
public enum AggregateMode
{
    Partial,
    Final,
    Single,
}
