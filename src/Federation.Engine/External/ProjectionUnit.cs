namespace Federation.Engine.External;

/// <summary>The units of a date projection's interval (Athena's 'interval.unit'), coarsest first.</summary>
internal enum ProjectionUnit
{
    Years,
    Months,
    Weeks,
    Days,
    Hours,
    Minutes,
    Seconds,
    Milliseconds,
}
