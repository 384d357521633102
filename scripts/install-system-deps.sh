#!/usr/bin/env bash
# Installs the Debian packages the tests need (Chromium for end-to-end tests, dcmtk and
# dicom3tools to validate and transcode DICOM, Orthanc with its DICOMweb plugin as the PACS of
# the DICOMweb tests, pydicom as an independent decoder, poppler for PDFs) when running as root with apt; otherwise says
# what is missing. Safe to run repeatedly: it does nothing when everything is there.
set -u
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v dcmdump >/dev/null 2>&1 || need+=(dcmtk)
command -v dciodvfy >/dev/null 2>&1 || need+=(dicom3tools)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v Orthanc >/dev/null 2>&1 || [ -x /usr/sbin/Orthanc ] || need+=(orthanc)
[ -e /usr/share/orthanc/plugins/libOrthancDicomWeb.so ] || need+=(orthanc-dicomweb)
# An independent DICOM decoder for the export tests (Debian's, at /usr/bin/python3), and PDF tools.
/usr/bin/python3 -c 'import pydicom' >/dev/null 2>&1 || need+=(python3-pydicom)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "[deps] installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "[deps] apt-get install ${need[*]} failed" >&2; exit 1; }
else
  echo "[deps] MISSING Debian packages: ${need[*]}" >&2
  echo "[deps] install them (sudo apt-get install ${need[*]}) or run npm test as root; tests that need them will fail or skip." >&2
fi
