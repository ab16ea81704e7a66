namespace Federation.Logical.Plans;

/// <summary>
/// Semi, Anti and Mark keep only the left input's columns (Mark adds one boolean column: whether a right
/// row matched, NULL when it is unknown because of NULL keys, as IN requires).
/// </summary>
public enum JoinType
{
    Inner,
    Left,
    Right,
    Full,
    Semi,
    Anti,
    Mark,
}
