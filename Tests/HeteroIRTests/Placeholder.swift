import XCTest
final class HeteroIRTestsPlaceholder: XCTestCase { func testNothing() {} }
