// The steps of `tutorial`: a guided tour of SinGAN on a drawn image, small enough that
// every step runs in seconds (the training step in about ten on a laptop, release build).
// `{iters}` is the tour's iterations per scale (`tutorial iters N`).
import Foundation

struct TutorialStep {
    let title: String
    let text: String
    let statements: [String]
}

extension TutorialStep {
    static let defaultIterations = 40

    static let all: [TutorialStep] = [
        TutorialStep(title: "one image",
            text: "SinGAN learns from a single image: the patches it is made of, at every scale. "
                + "We draw one so that nothing needs downloading: synth paints blobs from the seed, and the same "
                + "seed paints the same blobs. With a photo of your own you would write let im = load \"photo.png\". "
                + "show writes a preview PNG and prints its path (terminals that can show images show it).",
            statements: ["seed 1", "let im = synth blobs size 48x36", "show im"]),
        TutorialStep(title: "the pyramid",
            text: "SinGAN trains one small GAN per scale, coarsest first. pyramid shrinks the image by a factor r "
                + "between scales until its shorter side reaches min: N = ceil(log_r(min / shorter side)) + 1 scales "
                + "(help singan). Scale 0 is the finest, n the coarsest. We keep the image tiny (max 40) and the "
                + "networks narrow (8 channels) so that training takes seconds; the paper uses max 250 and 32 to 128 "
                + "channels.",
            statements: ["set channels 8", "set maxchannels 8", "pyramid im min 12 max 40", "show pyramid"]),
        TutorialStep(title: "training",
            text: "At each scale a generator G learns to add detail to the upsampled output of the coarser scale, "
                + "against a discriminator D that judges patches of 11x11 pixels (its receptive field): large at the "
                + "coarse scales (the layout), small at the fine ones (texture). D's loss is the WGAN-GP critic loss "
                + "with a gradient penalty; G's is fooling D plus alpha times the reconstruction error (one fixed "
                + "noise map must give the image back). The paper trains 2000 iterations per scale; we train "
                + "{iters}, so expect rough results.",
            statements: ["set iters {iters}", "train"]),
        TutorialStep(title: "random samples",
            text: "A sample feeds fresh random noise into every scale: the coarse scales invent a new layout and the "
                + "fine ones fill in texture that matches the image's patches. Every sample differs; the same seed "
                + "gives the same samples.",
            statements: ["show (sample 4)"]),
        TutorialStep(title: "samples from scale K",
            text: "from K keeps the fixed reconstruction noise at the scales coarser than K and draws fresh noise from "
                + "K down. from n-1 keeps the global layout of the image and varies the rest; from 1 only changes "
                + "the finest details.",
            statements: ["show (sample 4 from n-1)", "show (sample 4 from 1)"]),
        TutorialStep(title: "the reconstruction and the noise",
            text: "reconstruct runs the fixed noise through the pyramid and should give the image back. How far the "
                + "upsampled reconstruction misses at each scale sets that scale's noise amplitude: "
                + "sigma_k = 0.1 x RMSE(upsampled reconstruction, image at k), so a scale that has little to add "
                + "gets little noise. show model lists the amplitudes and the last losses.",
            statements: ["show (reconstruct)", "show model"]),
        TutorialStep(title: "injecting an image",
            text: "inject IMG at K feeds any image into scale K in place of the coarser scales' output; the finer "
                + "generators then redraw it with the textures of the training image. Paint-to-image, editing and "
                + "harmonization work this way (help paint2image, help harmonize).",
            statements: ["let stripes = synth stripes size 48x36", "show (inject stripes at n-1)"]),
        TutorialStep(title: "a walk in noise space",
            text: "walk z moves the noise a little at each frame, with momentum, around the reconstruction noise Z: "
                + "d = beta (z1 - z2) + (1 - beta) eps, then z = alpha Z + (1 - alpha) (z1 + d). alpha pulls the walk "
                + "back to Z (how far frames stray), beta smooths the motion. save frames \"walk.gif\" would write "
                + "the animation.",
            statements: ["walk z steps 8", "show frames"]),
        TutorialStep(title: "scoring the model",
            text: "score compares samples with the image without any pretrained network: the sliced Wasserstein "
                + "distance between their patches at several scales (lower is closer), the diversity of the samples "
                + "and the reconstruction error. Train longer (set iters 500, then pyramid and train again) and "
                + "compare.",
            statements: ["score count 4"]),
        TutorialStep(title: "what next",
            text: "You have trained a SinGAN. Next: an image of your own (let im = load \"photo.png\"), the paper's "
                + "settings (reset, then pyramid im and train: expect an hour or more on a laptop at max 250), "
                + "save model \"m.sgm\" to keep a model, the applications (help harmonize, help animate, help "
                + "retarget), the formulas (help singan), and the docs/ folder of the repository. reset restores "
                + "the settings this tour changed.",
            statements: []),
    ]
}
