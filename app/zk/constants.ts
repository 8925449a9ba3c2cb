// ZK protocol codes, named as in the vendor's manual and pyzk's const.py
// (docs/zk-protocol.md §1.4), so the code can be held against the manual line by line.

export const DEFAULT_ZK_PORT = 4370;

/** TCP "top" header magic: every TCP packet starts 50 50 82 7d (docs/zk-protocol.md §1.1). */
export const MACHINE_PREPARE_DATA_1 = 0x5050;
export const MACHINE_PREPARE_DATA_2 = 0x7d82;
export const TCP_TOP_HEADER_SIZE = 8;
export const ZK_HEADER_SIZE = 8;

export const CMD_CONNECT = 1000;
export const CMD_EXIT = 1001;
export const CMD_ENABLEDEVICE = 1002;
export const CMD_DISABLEDEVICE = 1003;
export const CMD_RESTART = 1004;
export const CMD_POWEROFF = 1005;
export const CMD_REFRESHDATA = 1013;
export const CMD_REFRESHOPTION = 1014;
export const CMD_GET_VERSION = 1100;
export const CMD_AUTH = 1102;
export const CMD_PREPARE_DATA = 1500;
export const CMD_DATA = 1501;
export const CMD_FREE_DATA = 1502;
export const CMD_PREPARE_BUFFER = 1503;
export const CMD_READ_BUFFER = 1504;
export const CMD_DB_RRQ = 7;
export const CMD_USER_WRQ = 8;
export const CMD_USERTEMP_RRQ = 9;
export const CMD_OPTIONS_RRQ = 11;
export const CMD_OPTIONS_WRQ = 12;
export const CMD_ATTLOG_RRQ = 13;
export const CMD_CLEAR_DATA = 14;
export const CMD_CLEAR_ATTLOG = 15;
export const CMD_DELETE_USER = 18;
export const CMD_GET_FREE_SIZES = 50;
export const CMD_GET_PINWIDTH = 69;
export const CMD_GET_TIME = 201;
export const CMD_SET_TIME = 202;
export const CMD_REG_EVENT = 500;

export const CMD_ACK_OK = 2000;
export const CMD_ACK_ERROR = 2001;
export const CMD_ACK_DATA = 2002;
export const CMD_ACK_RETRY = 2003;
export const CMD_ACK_REPEAT = 2004;
export const CMD_ACK_UNAUTH = 2005;
export const CMD_ACK_UNKNOWN = 0xffff;
export const CMD_ACK_ERROR_CMD = 0xfffd;
export const CMD_ACK_ERROR_INIT = 0xfffc;
export const CMD_ACK_ERROR_DATA = 0xfffb;

/** Realtime event flags for CMD_REG_EVENT (docs/zk-protocol.md §1.4). */
export const EF_ATTLOG = 1;
export const EF_FINGER = 2;
export const EF_ENROLLUSER = 4;
export const EF_ENROLLFINGER = 8;
export const EF_BUTTON = 16;
export const EF_UNLOCK = 32;
export const EF_VERIFY = 128;
export const EF_FPFTR = 256;
export const EF_ALARM = 512;

/** Table types for the buffered read (CMD_PREPARE_BUFFER's fct field). */
export const FCT_ATTLOG = 1;
export const FCT_FINGERTMP = 2;
export const FCT_OPLOG = 4;
export const FCT_USER = 5;

/** Largest chunk requested per CMD_READ_BUFFER: 0xFFC0 on TCP, 16 KiB on UDP (docs/zk-protocol.md §1.6). */
export const MAX_CHUNK_TCP = 0xffc0;
export const MAX_CHUNK_UDP = 16 * 1024;
/** Devices split UDP chunk data into datagrams of at most this many data bytes. */
export const UDP_MAX_DATA = 1024;
/** Ticks byte pyzk passes to make_commkey. */
export const COMM_KEY_TICKS = 50;
