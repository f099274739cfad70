#!/bin/sh
echo Ã(
