import CSDL2
import RLCore
import RLEnvironments
import Testing
@testable import RLViewer

extension SDLSuite {
    /// The window path, on SDL's `dummy` video driver: a real SDL window and renderer that draw
    /// into memory, so no display is needed.
    @Suite struct ViewerWindowTests {
        func makeWindow(width: Int = 600, height: Int = 400) throws -> ViewerWindow {
            try ViewerWindow(title: "test", width: width, height: height, videoDriver: "dummy")
        }

        @Test func windowShowsWhatTheOffscreenCanvasPaints() throws {
            var environment = CartPole()
            environment.setState(CartPole.State(cartPosition: -0.8, cartVelocity: 0, poleAngle: 0.15, poleAngularVelocity: 0))
            let status = ViewerStatus(environment: "CartPole-v1", player: "dqn", episode: 1, step: 12, totalReward: 12, isPaused: true)
            let layout = try FrameLayout(drawingWidth: 600, drawingHeight: 400, scale: 1)
            let window = try makeWindow(width: layout.width, height: layout.height)
            try window.show(environment.drawing(), status: status)
            let canvas = OffscreenCanvas()
            try canvas.render(environment.drawing(), status: status, scale: 1)
            #expect(try window.image().differences(from: canvas.image()).pixels == 0)
            // The title keeps a short form; the rest is in the status bar.
            #expect(window.title == "CartPole-v1 · dqn · episode 1")
        }

        @Test func aResizedWindowScalesThePictureAndKeepsTheStatusBarReadable() throws {
            var lake = try FrozenLake(mapName: "8x8")
            _ = lake.reset(seed: 3)
            let status = ViewerStatus(environment: "FrozenLake8x8-v1", player: "qtable", episode: 2, step: 7, totalReward: 0)
            let window = try makeWindow(width: 512, height: 512 + 46)
            try window.show(lake.drawing(), status: status)
            #expect(window.size == (512, 558))
            // Twice the size: the picture is drawn at scale 2 (sharp, not enlarged), the bar's
            // text grows with the width.
            try window.resize(width: 1024, height: 1024 + 46)
            #expect(window.size == (1024, 1070))
            let canvas = OffscreenCanvas()
            try canvas.render(lake.drawing(), status: status, scale: 2)
            let scaled = try window.image()
            #expect(scaled.differences(from: try canvas.image()).pixels == 0)
            // A window of another shape: the picture fits, centred, in the bar's colour around it.
            try window.resize(width: 900, height: 500)
            let wide = try window.image()
            let layout = try FrameLayout(width: 900, height: 500, drawingWidth: 512, drawingHeight: 512)
            #expect(layout.picture.height == 500 - 46 && layout.picture.x == (900 - layout.picture.width) / 2)
            #expect(wide[x: 5, y: 100] == Color(red: 32, green: 34, blue: 40))
            #expect(wide[x: 450, y: 100] != Color(red: 32, green: 34, blue: 40))
        }

        @Test func keyPressesArriveAsViewerEventsWithoutRepeats() throws {
            let window = try makeWindow()
            try window.show(Drawing(width: 600, height: 400))
            func push(_ type: SDL_EventType, _ key: SDL_KeyCode, repeats: Bool = false) {
                var event = SDL_Event()
                event.type = type.rawValue
                event.key.keysym.sym = SDL_Keycode(bitPattern: key.rawValue)
                event.key.repeat = repeats ? 1 : 0
                #expect(SDL_PushEvent(&event) == 1)
            }
            push(SDL_KEYDOWN, SDLK_SPACE)
            push(SDL_KEYDOWN, SDLK_SPACE, repeats: true)
            push(SDL_KEYDOWN, SDLK_RIGHT)
            push(SDL_KEYUP, SDLK_RIGHT)
            push(SDL_KEYDOWN, SDLK_KP_PLUS)
            push(SDL_KEYDOWN, SDLK_w)
            push(SDL_KEYDOWN, SDLK_7)
            push(SDL_KEYDOWN, SDLK_F5)   // not a viewer key
            var quit = SDL_Event()
            quit.type = SDL_QUIT.rawValue
            SDL_PushEvent(&quit)
            let events = window.waitForEvents(until: .now + .seconds(5))
            #expect(events == [.keyDown(.space), .keyDown(.right), .keyUp(.right), .keyDown(.plus),
                               .keyDown(.letter("w")), .keyDown(.digit(7)), .quit])
            #expect(events.last?.isQuitRequest == true && events.first?.isQuitRequest == false)
        }

        @Test func waitingEndsAtTheDeadlineWhenNothingHappens() throws {
            let window = try makeWindow()
            let clock = ContinuousClock()
            let start = clock.now
            #expect(window.waitForEvents(until: start + .milliseconds(40)).isEmpty)
            #expect(clock.now - start >= .milliseconds(39))
            #expect(window.waitForEvents(until: start).isEmpty)
        }

        @Test func badWindowSizeIsAnInvalidDrawing() {
            #expect(throws: ViewerError.invalidDrawing("canvas of 0x400 pixels; each side must be 1 to 16384")) {
                try makeWindow(width: 0, height: 400)
            }
        }

        @Test func aDisplayNeedsDISPLAYOrWaylandUnlessADriverIsNamed() {
            #if os(Linux)
            #expect(VideoSubsystem.missingDisplayReason(environment: [:]) == "neither DISPLAY nor WAYLAND_DISPLAY is set")
            #expect(VideoSubsystem.missingDisplayReason(environment: ["DISPLAY": ""]) != nil)
            #expect(VideoSubsystem.missingDisplayReason(environment: ["DISPLAY": ":0"]) == nil)
            #expect(VideoSubsystem.missingDisplayReason(environment: ["WAYLAND_DISPLAY": "wayland-0"]) == nil)
            #expect(VideoSubsystem.missingDisplayReason(environment: ["SDL_VIDEODRIVER": "kmsdrm"]) == nil)
            #expect(VideoSubsystem.preferredDriver(environment: ["DISPLAY": ":1", "WAYLAND_DISPLAY": "w"]) == "x11")
            #expect(VideoSubsystem.preferredDriver(environment: ["WAYLAND_DISPLAY": "w"]) == "wayland")
            #endif
        }

        @Test(.enabled(if: VideoSubsystem.missingDisplayReason() != nil, "only without a display"))
        func withoutADisplayOpeningAWindowThrowsNoDisplay() {
            #expect {
                try ViewerWindow(title: "test", width: 100, height: 100)
            } throws: { error in
                guard case ViewerError.noDisplay = error else { return false }
                return (error as! ViewerError).description.hasPrefix("no display for a window: ")
            }
        }
    }
}
