import Foundation
import HeteroImport
import HeteroIR
import HeteroSupport
import TestSupport
import XCTest

/// A model file truncated while it is being imported (issue 12). The importer used to memory-map
/// the file, and a mapped file that shrinks makes the next access past its new end a SIGBUS; it now
/// reads with positioned reads (`InputFile`), so the same event is an error naming the file.
///
/// The race is made deterministic by opening the file first (as the importer does), truncating it,
/// and then importing from the open file: every byte the importer then reads past the new end is
/// exactly the access that used to fault.
final class TruncatedModelTests: XCTestCase {
    func copyOf(_ model: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.path("model.onnx")
        try FileManager.default.copyItem(atPath: model, toPath: path)
        return path
    }

    func truncate(_ path: String, to size: UInt64) throws {
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: size)
        try handle.close()
    }

    func testAModelTruncatedAfterOpeningIsAnErrorNamingTheFile() throws {
        let directory = try makeTemporaryDirectory()
        let path = try copyOf(Repository.model("light_squeezenet.onnx"), in: directory)
        let file = try InputFile(path)
        let size = file.size
        XCTAssertGreaterThan(size, 10_000)
        try truncate(path, to: UInt64(size / 2))
        XCTAssertThrowsError(try ONNXImporter().importModel(file: file)) { error in
            guard case .document(.unreadable(let named, let reason)) = error as? ImportError else {
                return XCTFail("expected an unreadable-file error, got \(error)")
            }
            XCTAssertEqual(named, path)
            XCTAssertTrue(reason.hasPrefix("the file changed while being read (it had \(size) bytes when opened; reading at byte "), reason)
            XCTAssertTrue("\(error)".hasPrefix("\(path): "), "\(error)")
        }
    }

    /// Reading through the file (64 KiB windows, skipped payloads) gives the same graph as decoding
    /// the bytes in memory, for models larger than one window.
    func testReadingThroughTheFileGivesTheSameGraphAsBytesInMemory() throws {
        for model in [Repository.model("light_densenet121.onnx"), Repository.path("Tests/Fixtures/ONNX/lstm_recognizer.onnx"),
                      Repository.path("Tests/Fixtures/ONNX/qdq_resnet50.onnx")] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: model)))
            XCTAssertGreaterThan(bytes.count, 1 << 16, model)
            let fromFile = try ONNXImporter().importModel(path: model)
            let fromMemory = try ONNXImporter().importModel(bytes, file: model)
            XCTAssertEqual(fromFile.operators.count, fromMemory.operators.count, model)
            XCTAssertEqual(fromFile.operators.map(\.name), fromMemory.operators.map(\.name), model)
            XCTAssertEqual(fromFile.tensors.map(\.shape), fromMemory.tensors.map(\.shape), model)
        }
    }
}
