namespace Federation.Functions.Kernels;

/// <summary>PostgreSQL's float ordering: NaN equals NaN and sorts above every other value; -0 equals 0.</summary>
public static class FloatOrder
{
    public static int Compare(double a, double b)
    {
        if (a < b)
        {
            return -1;
        }

        if (a > b)
        {
            return 1;
        }

        if (a == b)
        {
            return 0;
        }

        var aNaN = double.IsNaN(a);
        var bNaN = double.IsNaN(b);
        return aNaN && bNaN ? 0 : aNaN ? 1 : -1;
    }

    public static int Compare(float a, float b) => Compare((double)a, b);
}
