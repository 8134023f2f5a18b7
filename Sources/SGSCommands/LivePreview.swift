// While a scale trains, a preview of its current sample every `preview` seconds, shown
// inline by terminals that can (the REPL's default there is 30 s; scripts default to off).
// The sample comes from its own seed and leaves training untouched (Model.previewSample).
import Foundation
import Imaging
import Script
import SinGAN

extension SGSSession {
    static let livePreviewDefaultSeconds = 30.0

    func registerLivePreviewSetting() {
        settings.register(Setting("preview", .number, default: .none,
            "seconds between previews of the scale in training (0: off; none: every 30 s in a REPL on a terminal that shows images)",
            validate: { value in
                guard case .number(let seconds) = value else { return nil }
                return seconds >= 0 && seconds <= 86400 ? nil : "must be from 0 (off) to 86400 seconds"
            }))
    }

    /// Seconds between live previews now, or nil when they are off.
    var livePreviewInterval: Double? {
        let seconds = settings.number("preview") ?? (livePreviewByDefault ? SGSSession.livePreviewDefaultSeconds : 0)
        return seconds > 0 && showPreview != nil ? seconds : nil
    }

    /// Called after every training iteration: writes and shows a preview when one is due.
    func livePreview(_ status: TrainingStatus, _ model: Model, clock: inout Double) {
        guard let interval = livePreviewInterval, status.iteration < status.iterations else { return }
        let now = ProcessInfo.processInfo.systemUptime
        if clock == 0 { clock = now; return }
        guard now - clock >= interval,
              let image = model.previewSample(at: status.scale, seed: UInt64(status.scale)) else { return }
        clock = now
        guard let path = try? savePreview(image, "training") else { return }
        showPreview?(path)
    }
}
