import XCTest
@testable import Tensor

/// The bicubic feature resize ConSinGAN's generator uses (PyTorch's bicubic, align corners).
final class InterpolateTests: XCTestCase {
    /// Values worked out by hand from PyTorch's cubic convolution (A = -0.75) with clamped
    /// border taps: 0..3 stretched to 7 columns is linear inside, bent at the ends.
    func testMatchesTheCubicConvolutionByHand() {
        let x = Tensor([0, 1, 2, 3], shape: [1, 1, 1, 4])
        let y = x.bicubicResized(height: 1, width: 7)
        XCTAssertEqual(y.shape, [1, 1, 1, 7])
        for (got, want) in zip(y.values, [0, 0.40625, 1, 1.5, 2, 2.59375, 3] as [Float]) {
            XCTAssertEqual(got, want, accuracy: 1e-6)
        }
    }

    func testKeepsConstantsAndCorners() {
        let flat = Tensor(repeating: 0.3, shape: [2, 3, 5, 4])
        for v in flat.bicubicResized(height: 9, width: 11).values { XCTAssertEqual(v, 0.3, accuracy: 1e-6) }
        let x = randomTensor([1, 2, 5, 6], seed: 3)
        let y = x.bicubicResized(height: 8, width: 3)
        // align_corners: the corner pixels map onto each other exactly.
        XCTAssertEqual(y.values[0], x.values[0], accuracy: 1e-6)
        XCTAssertEqual(y.values[7 * 3 + 2], x.values[4 * 6 + 5], accuracy: 1e-6)
        XCTAssertTrue(x.bicubicResized(height: 5, width: 6) === x)
    }

    func testGradients() {
        let check = GradientChecker()
        let x = randomTensor([2, 3, 5, 4], seed: 1)
        check.checkFirstOrder([x]) { $0[0].bicubicResized(height: 9, width: 7) }
        check.checkFirstOrder([x]) { $0[0].bicubicResized(height: 3, width: 2) }
        // Second order through a nonlinearity, as under a gradient penalty.
        check.checkSecondOrder([x]) { $0[0].bicubicResized(height: 7, width: 6).tanh() }
    }
}
