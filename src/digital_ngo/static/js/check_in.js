// Check-in page: optional camera scanning with the browser's BarcodeDetector.
// Typing the code always works; the camera only fills the same field and submits.
(function () {
  const details = document.getElementById("camera");
  const form = document.getElementById("check-in-form");
  if (!details || !form) return;
  const status = document.getElementById("camera-status");
  const video = document.getElementById("camera-view");
  let stream = null;
  let last = "";
  details.addEventListener("toggle", async function () {
    if (!details.open) {
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null;
      return;
    }
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices) {
      status.textContent = "—";
      return;
    }
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    video.srcObject = stream;
    await video.play();
    const tick = async function () {
      if (!stream) return;
      const codes = await detector.detect(video).catch(function () { return []; });
      if (codes.length && codes[0].rawValue !== last) {
        last = codes[0].rawValue;
        form.querySelector("input[name=code]").value = last;
        form.requestSubmit();
      }
      setTimeout(tick, 400);
    };
    tick();
  });
})();
