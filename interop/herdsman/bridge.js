#!/usr/bin/env node
// hansim interop bridge: zigbee-herdsman's OTA server logic (Device.updateOta, the code Zigbee2MQTT
// uses to upgrade a device) driven against a hansim PPMID that lives in a Java process.
//
// Ours: this file only. herdsman is installed from npm (package.json pins 10.9.5) and used through its
// published classes; nothing of it is copied. The radio is replaced by a stand-in adapter with the
// two calls the OTA code makes: sendZclFrameToEndpoint (a ZCL frame to the device) and waitFor (the
// next matching frame from it).
//
// Protocol, JSON lines (stdin from Java, stdout to Java; herdsman's log goes to stderr):
//   in  {"cmd":"start","image":PATH,"ieee":"0x..","nwk":N,"baseSize":N,"responseDelay":MS,"requestTimeout":MS}
//   in  {"cmd":"frame","hex":ZCL,"aps":N}      a frame the PPMID sent to the server
//   in  {"cmd":"announce"}                      the PPMID restarted (the Device Announce a stack would see)
//   out {"frame":ZCL}                           a frame herdsman sent to the PPMID
//   out {"unmatched":ZCL}                       a PPMID frame no herdsman waiter took
//   out {"result":"success"|"failure", ...}     updateOta's promise settled
//   out {"idle":true}                           everything the last input caused has been written
"use strict";
const readline = require("node:readline");
const { Zcl, setLogger } = require("zigbee-herdsman");
const { Entity } = require("zigbee-herdsman/dist/controller/model/entity");
const { Device } = require("zigbee-herdsman/dist/controller/model/device");

const OTA_CLUSTER = 0x0019;
let activity = 0;
let device;
const waiters = new Set();

function out(obj) {
    process.stdout.write(`${JSON.stringify(obj)}\n`);
    activity++;
}

// herdsman logs through a pluggable logger; keep stdout for the protocol.
function logTo(level) {
    return (msg, ns) => {
        const text = typeof msg === "function" ? msg() : msg;
        if (level !== "debug" || process.env.HANSIM_BRIDGE_DEBUG) {
            process.stderr.write(`${level} ${ns ?? ""} ${text}\n`);
        }
    };
}
setLogger({ debug: logTo("debug"), info: logTo("info"), warning: logTo("warning"), error: logTo("error") });

// The stand-in adapter: what a coordinator would put on air goes to Java instead.
const adapter = {
    async sendZclFrameToEndpoint(_ieee, _nwk, _endpoint, zclFrame) {
        out({ frame: zclFrame.toBuffer().toString("hex") });
        return undefined;
    },
    waitFor(networkAddress, endpoint, frameType, direction, transactionSequenceNumber, clusterId, commandId, defaultRspCommandId, timeout) {
        activity++;
        const waiter = { networkAddress, endpoint, frameType, direction, transactionSequenceNumber, clusterId, commandId, defaultRspCommandId };
        waiter.promise = new Promise((resolve, reject) => {
            waiter.resolve = resolve;
            waiter.timer = setTimeout(() => {
                waiters.delete(waiter);
                reject(new Error(`timed out after ${timeout} ms waiting for command ${commandId}`));
            }, timeout);
        });
        waiters.add(waiter);
        return {
            promise: waiter.promise,
            cancel: () => {
                clearTimeout(waiter.timer);
                waiters.delete(waiter);
            },
        };
    },
};

// The database the Device model reads itself from: one entry, the PPMID, already interviewed.
function fakeDatabase(entry) {
    return {
        *getEntriesIterator() {
            yield entry;
        },
        newID: () => entry.id,
        insert() {},
        update() {},
        has: () => true,
        remove() {},
        write() {},
    };
}

function matches(w, header, buf) {
    if (w.clusterId !== OTA_CLUSTER || w.networkAddress !== device.networkAddress) return false;
    if (w.transactionSequenceNumber !== undefined && w.transactionSequenceNumber !== header.transactionSequenceNumber) return false;
    if (header.isGlobal && header.commandIdentifier === Zcl.Foundation.defaultRsp.ID) {
        // A Default Response about the command the waiter names (the adapters' waitress does the same).
        return w.defaultRspCommandId !== undefined && buf.length > header.length && buf[header.length] === w.defaultRspCommandId;
    }
    return header.frameControl.frameType === w.frameType && header.frameControl.direction === w.direction && header.commandIdentifier === w.commandId;
}

function deliver(hex) {
    const buf = Buffer.from(hex, "hex");
    const header = Zcl.Header.fromBuffer(buf);
    if (!header) {
        out({ unmatched: hex, why: "no ZCL header" });
        return;
    }
    const payload = {
        clusterID: OTA_CLUSTER,
        header,
        data: buf,
        address: device.networkAddress,
        endpoint: 1,
        linkquality: 200,
        groupID: 0,
        wasBroadcast: false,
        destinationEndpoint: 1,
    };
    let taken = 0;
    for (const w of [...waiters]) {
        if (matches(w, header, buf)) {
            clearTimeout(w.timer);
            waiters.delete(w);
            w.resolve(payload);
            taken++;
        }
    }
    if (taken === 0) out({ unmatched: hex });
}

function start(cmd) {
    const entry = {
        id: 2,
        type: "Router",
        ieeeAddr: cmd.ieee,
        nwkAddr: cmd.nwk,
        manufId: cmd.manufacturerCode,
        manufName: "hansim",
        modelId: "hansim-ppmid",
        powerSource: "Mains (single phase)",
        interviewState: "SUCCESSFUL",
        meta: {},
        endpoints: {
            1: { profId: 0x0109, epId: 1, devId: 0x0507, inClusterList: [0x0000], outClusterList: [OTA_CLUSTER], clusters: {}, binds: [], configuredReportings: [], meta: {} },
        },
    };
    Entity.injectDatabase(fakeDatabase(entry));
    Entity.injectAdapter(adapter);
    device = Device.byIeeeAddr(cmd.ieee);
    const dataSettings = { requestTimeout: cmd.requestTimeout, baseSize: cmd.baseSize, responseDelay: cmd.responseDelay };
    // Zigbee2MQTT calls updateOta(source, undefined, undefined, extraMetas, onProgress, dataSettings) to
    // start an upgrade from the front end; a source URL that is a firmware file skips the index.
    device
        .updateOta({ url: cmd.image }, undefined, undefined, {}, () => {}, dataSettings)
        .then(([from, to]) => out({ result: to ? "success" : "no-image", from: from?.fileVersion, to: to?.fileVersion }))
        .catch((e) => out({ result: "failure", error: String(e.message ?? e) }));
}

// After an input, let herdsman run until it has nothing left to do now (its OTA path awaits only
// promises when responseDelay is 0), then say so, so the Java side can move virtual time on.
async function settle() {
    let quiet = 0;
    for (let turn = 0; turn < 500 && quiet < 3; turn++) {
        const before = activity;
        await new Promise((r) => setImmediate(r));
        quiet = activity === before ? quiet + 1 : 0;
    }
    out({ idle: true });
}

const rl = readline.createInterface({ input: process.stdin });
let chain = Promise.resolve();
rl.on("line", (line) => {
    chain = chain.then(async () => {
        if (!line.trim()) return;
        const cmd = JSON.parse(line);
        if (cmd.cmd === "start") start(cmd);
        else if (cmd.cmd === "frame") deliver(cmd.hex);
        else if (cmd.cmd === "announce") device.emit("deviceAnnounce");
        else out({ error: `unknown command ${cmd.cmd}` });
        await settle();
    });
});
rl.on("close", () => process.exit(0));
