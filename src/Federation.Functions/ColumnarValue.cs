using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions;

/// <summary>
/// The result of evaluating an expression on a batch: an array with one value per row, or one scalar that
/// stands for every row (literals and constant sub-expressions stay scalars so kernels can special-case them).
/// </summary>
public readonly struct ColumnarValue
{
    private ColumnarValue(IArrowArray? array, ScalarValue? scalar)
    {
        Array = array;
        Scalar = scalar;
    }

    public IArrowArray? Array { get; }

    public ScalarValue? Scalar { get; }

    public bool IsScalar => Scalar is not null;

    public static ColumnarValue FromArray(IArrowArray array) => new(array, null);

    public static ColumnarValue FromScalar(ScalarValue scalar) => new(null, scalar);

    /// <summary>The value as an array of <paramref name="length"/> rows (scalars are repeated).</summary>
    public IArrowArray ToArray(int length) => Array ?? ArrayFactory.FromScalar(Scalar!, length);

    public static implicit operator ColumnarValue(ScalarValue scalar) => FromScalar(scalar);
}
