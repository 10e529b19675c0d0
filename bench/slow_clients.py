#!/usr/bin/env python3
"""Holds SLOW slow clients (one byte of a request a second) and IDLE idle keep-alive connections
open against HOST:PORT for SECONDS, reconnecting any the server closes (as real clients do).
Prints how many of each were open at the end. Usage: slow_clients.py HOST PORT SLOW IDLE SECONDS"""
import asyncio
import sys

HOST, PORT, SLOW, IDLE, SECONDS = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
REQUEST = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
open_now = {"slow": 0, "idle": 0}


async def slow_client(deadline):
    while asyncio.get_running_loop().time() < deadline:
        try:
            _, writer = await asyncio.open_connection(HOST, PORT)
        except OSError:
            await asyncio.sleep(0.5)
            continue
        open_now["slow"] += 1
        try:
            for byte in REQUEST:
                if asyncio.get_running_loop().time() >= deadline:
                    break
                writer.write(bytes([byte]))
                await writer.drain()
                await asyncio.sleep(1)
        except OSError:
            pass
        open_now["slow"] -= 1
        writer.close()


async def idle_client(deadline):
    while asyncio.get_running_loop().time() < deadline:
        try:
            reader, writer = await asyncio.open_connection(HOST, PORT)
        except OSError:
            await asyncio.sleep(0.5)
            continue
        open_now["idle"] += 1
        try:
            # One request, then idle on the kept-alive connection until the server closes it.
            writer.write(REQUEST)
            await writer.drain()
            while await reader.read(65536):
                pass
        except OSError:
            pass
        open_now["idle"] -= 1
        writer.close()


async def main():
    deadline = asyncio.get_running_loop().time() + SECONDS
    tasks = [asyncio.create_task(slow_client(deadline)) for _ in range(SLOW)]
    for i in range(IDLE):
        tasks.append(asyncio.create_task(idle_client(deadline)))
        if i % 500 == 499:
            await asyncio.sleep(0.05)  # do not overflow the listen backlog all at once
    await asyncio.sleep(max(0.0, SECONDS - 1))
    print(f"open at the end: {open_now['slow']} slow, {open_now['idle']} idle", flush=True)
    await asyncio.gather(*tasks, return_exceptions=True)


asyncio.run(main())
