// The ZK protocol client: connect to a ZKTeco terminal over TCP or UDP port 4370 and read it.
export { connectZk, type AttendanceReadout, type UserTable, type ZkDevice } from './client';
export type { ZkConnectOptions } from './connect';
export { probeDevice, clockSkewSeconds, type ProbeLists, type ProbeReport } from './probe';
export { ZkError, type ZkErrorCode } from './errors';
export { parseZkTrace, ZkTrace, type ZkTraceFile } from './trace';
export type { ProgressCallback } from './buffered-read';
export { decodeAttendanceLog, type AttendanceLog, type AttendanceRecord, type InvalidRecord } from './attendance-records';
export { decodeUserList, type UserRecordSize, type ZkUser } from './user-records';
export { fitUserName, userIdFits, writableEncoding, USER_NAME_BYTES, type ZkUserWrite } from './user-writes';
export { decodeFreeSizes, type ZkSizes } from './free-sizes';
export { decodeLiveEvent, type LiveEvent } from './live-event';
export { punchStateName, verifyTypeName } from './punch-codes';
// The codec base, shared with the simulator.
export * from './constants';
export { zkChecksum } from './checksum';
export { makeCommKey } from './comm-key';
export { decodePacket, encodePacket, hasValidChecksum, TcpPacketReader, wrapTcp, ZkFramingError, type ZkPacket } from './packet';
export * from './wall-clock';
export { MAX_SCAN_ADDRESSES, scanForSerial, subnetHosts, subnetOf, type SerialScanOptions, type SerialScanResult } from './serial-scan';
export { decodeTemplates, encodeTemplateUpload, type ZkTemplate } from './templates';
