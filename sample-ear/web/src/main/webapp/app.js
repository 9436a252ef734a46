// The page: polls GET api/dashboard once a second and redraws; every button calls the REST API.
'use strict';

const $ = (id) => document.getElementById(id);

function cell(row, text, cls) {
  const td = row.insertCell();
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (cls) td.className = cls;
  return td;
}

async function call(method, path, body) {
  const res = await fetch('api/' + path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error || (res.status + ' ' + res.statusText));
  return json;
}

function cents(n) { return (n / 100).toFixed(2); }

function drawOrders(orders) {
  const body = $('orders').tBodies[0];
  body.replaceChildren();
  for (const o of orders) {
    const row = body.insertRow();
    row.dataset.orderId = o.id;
    cell(row, o.id, 'num');
    cell(row, o.customer);
    cell(row, o.item);
    cell(row, o.quantity, 'num');
    cell(row, o.card);
    cell(row, cents(o.amountCents), 'num');
    cell(row, o.state, 'state state-' + o.state);
    cell(row, new Date(o.updatedAt).toLocaleTimeString());
  }
}

function drawQueues(queues) {
  const body = $('queues').tBodies[0];
  body.replaceChildren();
  for (const q of queues) {
    const row = body.insertRow();
    row.dataset.queue = q.name;
    cell(row, q.name);
    cell(row, q.kind);
    cell(row, q.ready, 'num ready');
    cell(row, q.inFlight, 'num in-flight');
    cell(row, q.kind === 'dead-letter queue' ? '' : q.deadLettered, 'num dead-lettered');
  }
}

function drawDeadLetters(letters) {
  const body = $('dead-letters').tBodies[0];
  body.replaceChildren();
  for (const d of letters) {
    const row = body.insertRow();
    row.dataset.orderId = d.orderId;
    cell(row, d.messageId);
    cell(row, d.eventType);
    cell(row, d.orderId, 'num');
    cell(row, d.originalDestination);
    cell(row, d.reason);
    const button = document.createElement('button');
    button.textContent = 'Move back';
    button.className = 'move-back';
    button.dataset.messageId = d.messageId;
    button.onclick = () => moveBack(d.messageId);
    row.insertCell().appendChild(button);
  }
  if (letters.length === 0) cell(body.insertRow(), 'empty', 'note');
}

function drawAttempts(attempts) {
  const body = $('attempts').tBodies[0];
  body.replaceChildren();
  for (const a of attempts) {
    const row = body.insertRow();
    cell(row, a.step);
    cell(row, a.orderId, 'num');
    cell(row, a.deliveryCount, 'num');
    cell(row, a.outcome);
  }
  if (attempts.length === 0) cell(body.insertRow(), 'none yet', 'note');
}

function drawReconciliation(r) {
  const p = $('reconciliation');
  const parts = Object.entries(r.ordersByState).filter(([, n]) => n > 0).map(([s, n]) => s + ' ' + n);
  p.textContent = 'Orders: ' + (parts.join(', ') || 'none') + '. Payments charged ' + r.paymentsByState.CHARGED
    + ', declined ' + r.paymentsByState.DECLINED + ', refunded ' + r.paymentsByState.REFUNDED + '; reservations '
    + r.reservations + ', shipments ' + r.shipments + '; duplicate events ' + r.duplicateEvents + '. '
    + (r.problems.length === 0 ? 'Everything agrees.' : 'Not (yet) in agreement: ' + r.problems.join('; '))
    + (r.settled ? '' : ' (messages still moving)');
  p.className = r.problems.length === 0 ? 'ok' : 'note';
}

let catalogueDrawn = false;
function drawCatalogue(items) {
  if (catalogueDrawn) return;
  const select = $('item');
  for (const i of items) {
    const option = document.createElement('option');
    option.value = i.item;
    option.textContent = i.item + ' (' + cents(i.priceCents) + ')';
    select.appendChild(option);
  }
  catalogueDrawn = items.length > 0;
}

function drawFaults(f) {
  $('fault-payment-throws').checked = f.paymentThrows;
  $('fault-database-refuses').checked = f.databaseRefuses;
  $('inventory-kills').textContent = f.inventoryKills > 0 ? f.inventoryKills + ' kill(s) pending' : '';
}

async function refresh() {
  try {
    const d = await call('GET', 'dashboard');
    drawCatalogue(d.catalogue);
    drawOrders(d.orders);
    drawQueues(d.queues);
    drawDeadLetters(d.deadLetters);
    drawAttempts(d.attempts);
    drawReconciliation(d.reconciliation);
    drawFaults(d.faults);
    $('refreshed').textContent = 'refreshed ' + new Date().toLocaleTimeString();
  } catch (e) {
    $('refreshed').textContent = 'refresh failed: ' + e.message;
  }
}

async function changeFaults(change) {
  const current = await call('GET', 'faults');
  drawFaults(await call('PUT', 'faults', Object.assign(current, change)));
}

async function moveBack(messageId) {
  const out = $('move-result');
  try {
    const r = await call('POST', 'dead-letters/move-back', { messageId });
    out.textContent = r.messageId + ' moved back to ' + r.movedTo;
    out.className = 'ok';
  } catch (e) {
    out.textContent = e.message;
    out.className = 'error';
  }
  refresh();
}

$('order-form').onsubmit = async (event) => {
  event.preventDefault();
  const out = $('order-result');
  try {
    const r = await call('POST', 'orders', {
      customer: $('customer').value, item: $('item').value,
      quantity: Number($('quantity').value), card: $('card').value,
    });
    out.textContent = 'Order ' + r.id + ' placed';
    out.dataset.orderId = r.id;
    out.className = 'ok';
  } catch (e) {
    out.textContent = e.message;
    out.className = 'error';
  }
  refresh();
};
$('fault-payment-throws').onchange = (e) => changeFaults({ paymentThrows: e.target.checked });
$('fault-database-refuses').onchange = (e) => changeFaults({ databaseRefuses: e.target.checked });
$('fault-inventory-kill').onclick = () => changeFaults({ inventoryKills: 1 });

refresh();
setInterval(refresh, 1000);
