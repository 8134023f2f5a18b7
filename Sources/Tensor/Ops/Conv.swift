/// Convolution (stride 1, no padding) and the two ops of its gradient. The three are closed
/// under differentiation (see docs/autograd.md), so the tape can go to any order.

/// y = conv(x, weight) + bias, with x [N,Cin,H,W], weight [Cout,Cin,kh,kw], bias [Cout].
public func conv2d(_ x: Tensor, _ weight: Tensor, _ bias: Tensor? = nil) -> Tensor {
    let shape = convShape(x.shape, weight.shape)
    let out = Tensor(uninitialized: [shape.batch, shape.outChannels, shape.outHeight, shape.outWidth])
    ConvKernels.forward(input: x.pointer, weight: weight.pointer, bias: bias?.pointer, output: out.pointer, shape: shape)
    let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
    return out.recorded("conv2d", inputs) { g, needed in
        if !GradMode.isEnabled { return convGradientsFused(x, weight, g, needed, shape) }
        return [needed[0] ? convInputGradient(g, weight, inputShape: x.shape) : nil,
                needed[1] ? convWeightGradient(x, g, weightShape: weight.shape) : nil,
                needed.count > 2 && needed[2] ? g.sum(to: [1, shape.outChannels, 1, 1]).reshaped([shape.outChannels]) : nil]
    }
}

/// dL/dx of a convolution given dL/dy: the transposed convolution of `dy` with `weight`.
public func convInputGradient(_ dy: Tensor, _ weight: Tensor, inputShape: [Int]) -> Tensor {
    let shape = convShape(inputShape, weight.shape)
    let out = Tensor(uninitialized: inputShape)
    ConvKernels.inputGradient(outputGradient: dy.pointer, weight: weight.pointer, inputGradient: out.pointer, shape: shape)
    return out.recorded("convInputGradient", [dy, weight]) { g, needed in
        // dx = W^T * dy is linear in each: d/d(dy) = conv(g, W), d/dW = weightGrad(g, dy).
        [needed[0] ? conv2d(g, weight) : nil,
         needed[1] ? convWeightGradient(g, dy, weightShape: weight.shape) : nil]
    }
}

/// dL/dW of a convolution given its input `x` and dL/dy.
public func convWeightGradient(_ x: Tensor, _ dy: Tensor, weightShape: [Int]) -> Tensor {
    let shape = convShape(x.shape, weightShape)
    let out = Tensor(uninitialized: weightShape)
    ConvKernels.weightGradient(input: x.pointer, outputGradient: dy.pointer, weightGradient: out.pointer,
                               biasGradient: nil, shape: shape)
    return out.recorded("convWeightGradient", [x, dy]) { g, needed in
        // dW = dy (*) x: d/dx = inputGrad(dy, g), d/d(dy) = conv(x, g).
        [needed[0] ? convInputGradient(dy, g, inputShape: x.shape) : nil,
         needed[1] ? conv2d(x, g) : nil]
    }
}

/// First-order conv gradients straight from the kernels: no history, one pass for dW and db.
private func convGradientsFused(_ x: Tensor, _ weight: Tensor, _ g: Tensor, _ needed: [Bool],
                                _ shape: ConvShape) -> [Tensor?] {
    var grads: [Tensor?] = Array(repeating: nil, count: needed.count)
    if needed[0] {
        let dx = Tensor(uninitialized: x.shape)
        ConvKernels.inputGradient(outputGradient: g.pointer, weight: weight.pointer, inputGradient: dx.pointer, shape: shape)
        grads[0] = dx
    }
    if needed[1] || (needed.count > 2 && needed[2]) {
        let dw = Tensor(uninitialized: weight.shape)
        let db = needed.count > 2 ? Tensor(uninitialized: [shape.outChannels]) : nil
        ConvKernels.weightGradient(input: x.pointer, outputGradient: g.pointer, weightGradient: dw.pointer,
                                   biasGradient: db?.pointer, shape: shape)
        grads[1] = needed[1] ? dw : nil
        if needed.count > 2 && needed[2] { grads[2] = db }
    }
    return grads
}

func convShape(_ input: [Int], _ weight: [Int]) -> ConvShape {
    precondition(input.count == 4 && weight.count == 4 && input[1] == weight[1],
                 "conv input \(input) does not fit weight \(weight)")
    precondition(input[2] >= weight[2] && input[3] >= weight[3], "conv input \(input) smaller than kernel \(weight)")
    return ConvShape(batch: input[0], inChannels: input[1], height: input[2], width: input[3],
                     outChannels: weight[0], kernelHeight: weight[2], kernelWidth: weight[3])
}

extension Tensor {
    /// The same values viewed with another shape of the same count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        if newShape == shape { return self }
        let out = Tensor(shape: newShape, storage: storage)
        let inShape = shape
        return out.recorded("reshape", [self]) { g, _ in [g.reshaped(inShape)] }
    }
}
