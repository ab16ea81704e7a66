namespace Federation.Functions;

/// <summary>
/// Computes a function over one batch. Called once per batch, never per row: loops over the rows belong
/// inside the kernel, over typed spans.
/// </summary>
public delegate ColumnarValue ScalarKernel(ReadOnlySpan<ColumnarValue> arguments, in KernelContext context);
