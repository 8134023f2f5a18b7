import Foundation
import Imaging
import Tensor
import XCTest
@testable import SinGAN

/// The conditional model (`train labels`): label channels, net shapes, the (map, image)
/// critic's gradient through the penalty, deterministic training, the model file, translate.
final class ConditionalTests: XCTestCase {
    /// A 40x30 map of three labels: a top band, a bottom band and a square in the bottom one.
    static func testMap(width: Int = 40, height: Int = 30) -> LabelMap {
        var labels = [Int](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                labels[y * width + x] = y < height / 2 ? 0 : (x >= width / 4 && x < width / 2 && y >= 2 * height / 3 ? 2 : 1)
            }
        }
        let bytes: [[UInt8]] = [[204, 102, 76], [76, 153, 204], [153, 229, 51]]
        let palette = bytes.map { SIMD3<Float>(Image.fromByte($0[0]), Image.fromByte($0[1]), Image.fromByte($0[2])) }
        return LabelMap(labels: labels, width: width, height: height, palette: palette)
    }

    func testOneHotHasOneChannelPerLabelAndTheBoundaries() {
        let map = Self.testMap()
        let plain = LabelConditioning(map: map, boundaries: false), edged = LabelConditioning(map: map, boundaries: true)
        XCTAssertEqual(plain.channels, 3)
        XCTAssertEqual(edged.channels, 4)
        let t = edged.oneHot(map, width: 40, height: 30)
        XCTAssertEqual(t.shape, [1, 4, 30, 40])
        let plane = 1200
        for i in 0..<plane {
            let labelChannels = (0..<3).map { t.pointer[$0 * plane + i] }
            XCTAssertEqual(labelChannels.reduce(0, +), 1)
            XCTAssertEqual(labelChannels[map.labels[i]], 1)
        }
        let boundaryCount = (0..<plane).filter { t.pointer[3 * plane + $0] == 1 }.count
        XCTAssertEqual(boundaryCount, map.boundaries.values.filter { $0 > 0 }.count)
        XCTAssertGreaterThan(boundaryCount, 40)
        // Downsampled by nearest neighbour: still exactly one-hot, and the label under each centre.
        let small = plain.oneHot(map, width: 16, height: 12)
        let smallPlane = 16 * 12
        for i in 0..<smallPlane { XCTAssertEqual((0..<3).map { small.pointer[$0 * smallPlane + i] }.reduce(0, +), 1) }
        XCTAssertEqual(small.pointer[0 * smallPlane + 0], 1)                 // top band
        XCTAssertEqual(small.pointer[2 * smallPlane + 10 * 16 + 5], 1)       // the square: x 12.8 -> 12, y 25.8 -> 25
        XCTAssertEqual(map.resized(width: 40, height: 30).labels, map.labels)
    }

    func testConditionalNetsTakeLabelChannelsBesideTheImage() {
        let s = tinySettings()
        var rng = RandomSource(seed: 1)
        let g = Generator(width: 8, settings: s, labelChannels: 4, using: &rng)
        let d = Discriminator(width: 8, settings: s, labelChannels: 4, using: &rng)
        XCTAssertEqual(g.stack.blocks[0].conv.weight.shape, [8, 7, 3, 3])
        XCTAssertEqual(d.stack.blocks[0].conv.weight.shape, [8, 7, 3, 3])
        XCTAssertEqual(g.stack.tail.weight.shape[0], 3)
        let labels = Tensor(zeros: [2, 4, 20, 24])
        let out = LabelledCritic(d.stack, labels: labels).forward(Tensor(zeros: [2, 3, 20, 24])).output
        XCTAssertEqual(out.shape, [2, 1, 10, 14])
        // A plain net is unchanged: three input channels.
        XCTAssertEqual(Generator(width: 8, settings: s, using: &rng).stack.blocks[0].conv.weight.shape, [8, 3, 3, 3])
    }

    /// D's WGAN-GP objective on (labels, image) pairs against finite differences: the
    /// penalty differentiates the critic's gradient, through the label concatenation.
    func testLabelledCriticLossGradientThroughThePenalty() {
        var s = Settings()
        s.layers = 3
        s.gpWeight = 1
        s.switches.batch = 2
        // Unit-scale weights (as SwitchPenaltyTests): with the 0.02 init the batch-normalised
        // features are so small that float32 finite differences are noise.
        s.switches.equalizedLearningRate = true
        var rng = RandomSource(seed: 3)
        let d = Discriminator(width: 2, settings: s, labelChannels: 3, using: &rng)
        let map = LabelConditioning(map: Self.testMap(width: 15, height: 14), boundaries: false)
        let critics = LabelledCritic.wrap(d, labels: map.oneHot(map.map, width: 15, height: 14).repeatedAlongBatch(2))
        let real = Tensor.normal([1, 3, 14, 15], std: 0.5, using: &rng).repeatedAlongBatch(2)
        let fake = Tensor.normal([2, 3, 14, 15], std: 0.5, using: &rng)
        let loss = CriticLoss(settings: s)
        let objective = { loss.discriminator(critics, real: real, fake: fake, alphas: [0.3, 0.8]) }
        XCTAssertGreaterThan(assertCriticGradientsMatch(objective, parameters: d.parameters), 20)
    }

    private func trainConditional(boundaries: Bool = false, iterations: Int = 6, seed: UInt64 = 4) throws -> Model {
        let model = try Model(image: testImage(), name: "stripes", settings: tinySettings(iterations: iterations), seed: seed)
        model.labels = LabelConditioning(map: Self.testMap(), boundaries: boundaries)
        var rng = RandomSource(seed: seed)
        XCTAssertEqual(try Trainer(model: model).train(using: &rng), .finished)
        return model
    }

    func testConditionalTrainingIsDeterministicAndFollowsTheMap() throws {
        let a = try trainConditional(), b = try trainConditional()
        let map = Self.testMap()
        var ra = RandomSource(seed: 9), rb = RandomSource(seed: 9)
        let ta = try a.translate(map, using: &ra), tb = try b.translate(map, using: &rb)
        XCTAssertEqual(ta, tb)
        XCTAssertEqual(ta[0].width, 40)
        // Another map gives another image from the same noise.
        var other = map
        other.labels = map.labels.map { $0 == 0 ? 2 : $0 }
        var rc = RandomSource(seed: 9)
        XCTAssertNotEqual(try a.translate(other, using: &rc), ta)
        // Any size: a wider map gives a wider photo.
        var rd = RandomSource(seed: 9)
        let wide = try a.translate(map.resized(width: 60, height: 30), using: &rd)[0]
        XCTAssertEqual([wide.width, wide.height], [60, 30])
        XCTAssertTrue(wide.pixels.allSatisfy(\.isFinite))
    }

    func testModelFileRoundTripKeepsTheConditioning() throws {
        let model = try trainConditional(boundaries: true, iterations: 3)
        let path = NSTemporaryDirectory() + "sgs-conditional-\(UUID().uuidString).sgm"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try Model.load(from: path)
        let labels = try XCTUnwrap(loaded.labels)
        XCTAssertTrue(labels.boundaries)
        XCTAssertEqual(labels.palette, Self.testMap().palette)
        XCTAssertEqual(labels.map.labels, Self.testMap().labels)
        var a = RandomSource(seed: 5), b = RandomSource(seed: 5)
        XCTAssertEqual(try model.translate(Self.testMap(), using: &a), try loaded.translate(Self.testMap(), using: &b))
        var c = RandomSource(seed: 6), d = RandomSource(seed: 6)
        XCTAssertEqual(try model.samples(count: 1, using: &c), try loaded.samples(count: 1, using: &d))
        let stored = try SafeTensorsFile.read(from: path)
        XCTAssertEqual(stored.metadata["labels_boundaries"], "true")
        XCTAssertEqual(stored.metadata["labels_palette"]?.split(separator: ",").count, 9)
    }

    func testTranslateRefusesPlainModelsAndTooSmallMaps() throws {
        let plain = try Model(image: testImage(), name: "stripes", settings: tinySettings(iterations: 1), seed: 1)
        var rng = RandomSource(seed: 1)
        XCTAssertThrowsError(try plain.translate(Self.testMap(), using: &rng)) {
            XCTAssertEqual("\($0)", "this model was not trained on labels (train one with 'train labels MAP')")
        }
        let model = try trainConditional(iterations: 1)
        XCTAssertThrowsError(try model.translate(Self.testMap().resized(width: 12, height: 30), using: &rng)) {
            XCTAssertTrue("\($0)".contains("smaller than the 11-pixel receptive field; use a map of at least"), "\($0)")
        }
    }

    func testWindowsCropAndMirrorTheSamePartAtEveryScale() throws {
        let model = try Model(image: testImage(), name: "stripes", settings: tinySettings(), seed: 1)
        var window = PairWindow()
        (window.x, window.y, window.width, window.height, window.mirrored) = (0.25, 0, 0.75, 0.75, true)
        for k in 0...model.coarsest {
            let r = window.rect(k, of: model), s = model.scales[k]
            XCTAssertEqual(Double(r.width), 0.75 * Double(s.width), accuracy: 0.5)
            XCTAssertEqual(r.x + r.width, s.width)
        }
        let real = model.scales[0].real, cut = window.apply(real, scale: 0, of: model)
        XCTAssertEqual(cut.shape, [1, 3, 23, 30])   // 0.75 x 30 = 22.5 rounds to 23
        XCTAssertEqual(cut.pointer[0], real.pointer[39])   // mirrored: the first pixel is the right edge's
        var rng = RandomSource(seed: 2), crops = 0, mirrors = 0
        for _ in 0..<200 {
            let w = PairWindow.random(for: model, using: &rng)
            if w.width < 1 { crops += 1 }
            if w.mirrored { mirrors += 1 }
        }
        XCTAssertTrue((70...130).contains(crops) && (70...130).contains(mirrors), "\(crops) crops, \(mirrors) mirrors")
    }
}
